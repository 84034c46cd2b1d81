// The forms: each sends its fields as JSON to the API, then shows the API's answer: where the accepted event was
// stored, or each problem next to the field it names. The browser's own validation is off (novalidate), so the
// rules are the API's alone.
(() => {
  for (const form of document.querySelectorAll('form[data-view-page]')) {
    form.addEventListener('submit', event => {
      event.preventDefault();
      send(form);
    });
  }
  for (const select of document.querySelectorAll('select[data-customer-choice]')) {
    fillWithCustomers(select);
  }

  async function send(form) {
    const result = form.querySelector('.result');
    clearProblems(form);
    const body = {};
    for (const field of form.elements) {
      if (field.name && field.value.trim() !== '') {
        body[field.name] = field.value.trim();
      }
    }
    let response;
    let answer;
    try {
      response = await fetch(form.action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      answer = await response.json();
    } catch (e) {
      showResult(result, 'problem', 'The service cannot be reached.');
      return;
    }
    if (response.ok) {
      showAccepted(form, result, answer);
      form.reset();
      return;
    }
    const elsewhere = [];
    for (const error of answer.errors || []) {
      const slot = form.querySelector(`[data-error-for="${CSS.escape(error.field)}"]`);
      if (slot) {
        slot.textContent = error.message;
        form.elements[error.field].setAttribute('aria-invalid', 'true');
      } else {
        elsewhere.push(`${error.field}: ${error.message}`);
      }
    }
    showResult(result, 'problem', [`${answer.title}: ${answer.detail}`, ...elsewhere].join('. '));
  }

  function clearProblems(form) {
    for (const slot of form.querySelectorAll('[data-error-for]')) {
      slot.textContent = '';
    }
    for (const field of form.querySelectorAll('[aria-invalid]')) {
      field.removeAttribute('aria-invalid');
    }
  }

  function showAccepted(form, result, appended) {
    const facts = document.createElement('dl');
    for (const [name, value] of [['Key', appended.key], ['Topic', appended.topic],
      ['Partition', appended.partition], ['Offset', appended.offset]]) {
      const term = document.createElement('dt');
      term.textContent = name;
      const detail = document.createElement('dd');
      detail.textContent = value;
      detail.dataset.fact = name.toLowerCase();
      facts.append(term, detail);
    }
    const link = document.createElement('a');
    link.href = form.dataset.viewPage;
    link.textContent = 'See it in the view';
    showResult(result, 'accepted', 'Accepted: the event is in the log.', facts, link);
  }

  function showResult(result, state, text, ...more) {
    const message = document.createElement('p');
    message.textContent = text;
    result.dataset.state = state;
    result.replaceChildren(message, ...more);
  }

  async function fillWithCustomers(select) {
    try {
      const response = await fetch('/store/customers?limit=1000');
      const page = await response.json();
      for (const customer of page.items || []) {
        const option = document.createElement('option');
        option.value = customer.customerId;
        option.textContent = `${customer.firstName} ${customer.lastName} (${customer.customerId})`;
        select.append(option);
      }
    } finally {
      select.dataset.loaded = 'true';
    }
  }
})();
