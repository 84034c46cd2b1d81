// The header and footer that every page shares, written once here instead of copied into each page.
(() => {
  const VIEW_PAGES = [
    ['/views/customers.html', 'Customers'],
    ['/views/orders.html', 'Orders'],
    ['/views/greetings.html', 'Greetings'],
    ['/views/customer-orders.html', 'Customer orders'],
    ['/views/history.html', 'History'],
    ['/views/products.html', 'Stock'],
    ['/views/accounts.html', 'Accounts'],
    ['/views/checkouts.html', 'Checkouts'],
  ];
  const FORM_PAGES = [
    ['/new/customer.html', 'New customer'],
    ['/new/order.html', 'New order'],
    ['/new/greeting.html', 'New greeting'],
    ['/new/checkout.html', 'Checkout'],
  ];
  const OPERATOR_PAGES = [
    ['/q/health/ready', 'readiness'],
    ['/q/metrics', 'metrics'],
    ['/q/swagger-ui', 'API (Swagger UI)'],
    ['/q/openapi', 'OpenAPI'],
  ];

  function link([href, text]) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = text;
    if (href === location.pathname) {
      a.setAttribute('aria-current', 'page');
    }
    return a;
  }

  const separator = document.createElement('span');
  separator.className = 'separator';
  const nav = document.createElement('nav');
  nav.append(...VIEW_PAGES.map(link), separator, ...FORM_PAGES.map(link));
  const brand = link(['/', 'event-views']);
  brand.className = 'brand';
  document.querySelector('body > header').replaceChildren(brand, nav);

  const footer = document.querySelector('body > footer');
  footer.append('Operators: ');
  OPERATOR_PAGES.forEach((page, i) => footer.append(i ? ' · ' : '', link(page)));
})();
