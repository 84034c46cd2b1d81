package dev.eventviews.checkout;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jboss.logging.Logger;

import dev.eventviews.events.Customer;
import dev.eventviews.events.Deposit;
import dev.eventviews.topology.Catalog;

/**
 * The payment and customer participant of the checkout saga. It alone changes the {@link Catalog#ACCOUNTS_VIEW}
 * (balance and held amount per customer) and the {@link Catalog#HOLDS_VIEW} rows, from deposits and the saga's
 * account commands, both keyed by customerId and co-partitioned: every change to one account is applied one after
 * another by one task, under exactly-once processing.
 * <p>
 * {@code 0 <= held <= balance} always: a hold takes only available funds ({@code balance - held}) and a capture
 * takes funds that were held.
 * <p>
 * To verify a customer it reads the customers view, whose store the topology connects to this processor: the
 * customers topic is keyed by customerId too, so the same task holds the customer.
 * <p>
 * Commands are idempotent: a hold is one row per customer and order that stays, with its status, once it is
 * captured or voided, so the same command seen again gives the same answer and changes nothing.
 */
final class Accounts implements Processor<String, SpecificRecord, String, CheckoutReply> {

    private static final Logger LOG = Logger.getLogger(Accounts.class);

    private final String customersStore;
    private ProcessorContext<String, CheckoutReply> context;
    private KeyValueStore<String, Account> accounts;
    private KeyValueStore<String, Hold> holds;
    private KeyValueStore<String, ValueAndTimestamp<Customer>> customers;

    Accounts(String customersStore) {
        this.customersStore = customersStore;
    }

    @Override
    public void init(ProcessorContext<String, CheckoutReply> context) {
        this.context = context;
        this.accounts = context.getStateStore(Catalog.ACCOUNTS_VIEW.name());
        this.holds = context.getStateStore(Catalog.HOLDS_VIEW.name());
        this.customers = context.getStateStore(customersStore);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        String customerId = record.key();
        if (customerId == null) {
            LOG.warnf("Skipped a %s without a customerId", record.value());
        } else if (record.value() instanceof Deposit deposit) {
            deposit(customerId, deposit.getAmountCents());
        } else if (record.value() instanceof AccountCommand command) {
            CheckoutReply reply = handle(customerId, command);
            if (reply != null) {
                context.forward(record.withKey(command.getOrderId()).withValue(reply));
            }
        }
    }

    private void deposit(String customerId, long amount) {
        Account account = accountOf(customerId);
        if (amount <= 0 || account.getBalance() > Long.MAX_VALUE - amount) {
            LOG.warnf("Refused a deposit of %d cents to %s: not positive, or the balance would overflow", amount,
                    customerId);
            return;
        }
        account.setBalance(account.getBalance() + amount);
        accounts.put(customerId, account);
    }

    private CheckoutReply handle(String customerId, AccountCommand command) {
        Object action = command.getAction();
        if (action instanceof VerifyCustomer) {
            return verify(customerId);
        }
        String key = RowKeys.of(customerId, command.getOrderId());
        Hold hold = holds.get(key);
        if (action instanceof AuthorizePayment authorize) {
            return hold == null
                    ? authorize(customerId, command.getOrderId(), authorize.getAmountCents())
                    : answerAgain(hold);
        }
        if (hold != null && hold.getStatus() == HoldStatus.HELD) {
            boolean capture = action instanceof CapturePayment;
            Account account = accounts.get(customerId);
            account.setHeld(account.getHeld() - hold.getAmountCents());
            if (capture) {
                account.setBalance(account.getBalance() - hold.getAmountCents());
            }
            accounts.put(customerId, account);
            hold.setStatus(capture ? HoldStatus.CAPTURED : HoldStatus.VOIDED);
            holds.put(key, hold);
        }
        return null;
    }

    private CheckoutReply authorize(String customerId, String orderId, long amount) {
        if (amount < 0) {
            return rejected("the amount must not be negative");
        }
        Account account = accountOf(customerId);
        long available = account.getBalance() - account.getHeld();
        if (available < amount) {
            return rejected("insufficient funds: " + available + " cents available, " + amount + " needed");
        }
        account.setHeld(account.getHeld() + amount);
        accounts.put(customerId, account);
        holds.put(RowKeys.of(customerId, orderId), new Hold(customerId, orderId, amount, HoldStatus.HELD));
        return new CheckoutReply(new PaymentAuthorized(amount));
    }

    /** The answer to a hold placed before; a voided one is not placed again. */
    private static CheckoutReply answerAgain(Hold hold) {
        return hold.getStatus() == HoldStatus.VOIDED
                ? rejected("the authorization was voided")
                : new CheckoutReply(new PaymentAuthorized(hold.getAmountCents()));
    }

    private CheckoutReply verify(String customerId) {
        ValueAndTimestamp<Customer> found = customers.get(customerId);
        Customer customer = found == null ? null : found.value();
        if (customer == null) {
            return new CheckoutReply(new CustomerRejected("unknown customer " + customerId));
        }
        boolean shipping = customer.getShippingAddress() != null;
        boolean billing = customer.getBillingAddress() != null;
        if (!shipping || !billing) {
            String missing = !shipping && !billing ? "shipping and billing address" : !shipping ? "shipping address"
                    : "billing address";
            return new CheckoutReply(new CustomerRejected("the customer has no " + missing));
        }
        return new CheckoutReply(new CustomerVerified());
    }

    private Account accountOf(String customerId) {
        Account account = accounts.get(customerId);
        return account != null ? account : new Account(customerId, 0L, 0L);
    }

    private static CheckoutReply rejected(String reason) {
        return new CheckoutReply(new PaymentRejected(reason));
    }
}
