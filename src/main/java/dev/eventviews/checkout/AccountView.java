package dev.eventviews.checkout;

/**
 * An account as {@code GET /store/accounts} shows it, in cents: the balance, the part held by running checkouts, and
 * what a new checkout can spend ({@code available}, derived here, not stored).
 */
public record AccountView(String customerId, long balance, long held, long available) {

    static AccountView of(Account account) {
        return new AccountView(account.getCustomerId(), account.getBalance(), account.getHeld(),
                account.getBalance() - account.getHeld());
    }
}
