// The home page: how many entries each view holds (up to the largest page the API lists at once).
(() => {
  const LIMIT = 1000;
  for (const cell of document.querySelectorAll('[data-count-of]')) {
    fetch(`/store/${cell.dataset.countOf}?limit=${LIMIT}`)
      .then(response => response.ok ? response.json() : Promise.reject(response.status))
      .then(page => { cell.textContent = page.next ? `${LIMIT}+` : String(page.items.length); })
      .catch(() => { cell.textContent = 'not available'; });
  }
})();
