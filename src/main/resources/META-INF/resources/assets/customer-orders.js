// The customer-orders page's join. The view has one entry per customer with their orders, but it is joined when
// read, so its changes are those of its parts: an order's row (key "<customerId>,<orderId>", the order, or null
// when it left the customer) and a customer (key "<customerId>", the customer, or null when deleted). The page
// keeps both parts, as the view does, and shows a customer once it has a record and at least one order.
window.liveViewJoin = (() => {
  const SHOWN = 100; // the orders shown per customer, as the page loads them (?orders=100)
  const customers = new Map(); // customerId -> the customer
  const orders = new Map(); // customerId -> Map(orderId -> the order)

  function render(customerId, entries) {
    const customer = customers.get(customerId);
    const theirs = [...(orders.get(customerId) || new Map()).entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, SHOWN)
      .map(([, order]) => order);
    if (customer && theirs.length > 0) {
      entries.put(customerId, { customer, orders: theirs });
    } else {
      entries.remove(customerId);
    }
  }

  function ordersOf(customerId) {
    if (!orders.has(customerId)) {
      orders.set(customerId, new Map());
    }
    return orders.get(customerId);
  }

  // A customer without orders is not in the loaded view: the first order of one brings its record from the API.
  async function fetchCustomer(customerId, entries) {
    const response = await fetch(`/store/customers/${encodeURIComponent(customerId)}`);
    if (response.ok && !customers.has(customerId)) {
      customers.set(customerId, await response.json());
      render(customerId, entries);
    }
  }

  return {
    loaded(items) {
      customers.clear();
      orders.clear();
      for (const item of items) {
        customers.set(item.customer.customerId, item.customer);
        item.orders.forEach(order => ordersOf(item.customer.customerId).set(order.orderId, order));
      }
    },
    change(change, entries) {
      const comma = change.key.indexOf(',');
      if (comma < 0) {
        if (change.value === null) {
          customers.delete(change.key);
        } else {
          customers.set(change.key, change.value);
        }
        render(change.key, entries);
        return;
      }
      const customerId = change.key.slice(0, comma);
      const orderId = change.key.slice(comma + 1);
      if (change.value === null) {
        ordersOf(customerId).delete(orderId);
      } else {
        ordersOf(customerId).set(orderId, change.value);
        if (!customers.has(customerId)) {
          fetchCustomer(customerId, entries).catch(() => {});
        }
      }
      render(customerId, entries);
    },
  };
})();
