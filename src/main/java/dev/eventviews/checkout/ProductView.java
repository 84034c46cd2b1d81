package dev.eventviews.checkout;

/**
 * A product as {@code GET /store/products} shows it: the stored view (units on hand, units reserved by running
 * checkouts, the latest stock adjustment as requested and as applied) and the units a new checkout can reserve.
 * {@code available} is derived here, not stored: the store keeps only what the inventory participant changes.
 */
public record ProductView(String productId, String name, Long priceCents, long onHand, long reserved, long available,
        StockAdjustment lastAdjustment) {

    static ProductView of(ProductStock stock) {
        return new ProductView(stock.getProductId(), stock.getName(), stock.getPriceCents(), stock.getOnHand(),
                stock.getReserved(), stock.getOnHand() - stock.getReserved(), stock.getLastAdjustment());
    }
}
