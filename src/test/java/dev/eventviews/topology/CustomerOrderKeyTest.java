package dev.eventviews.topology;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Row keys sort by customer, then order, in the stores' order (UTF-8 bytes), and a customer's rows are a range. */
class CustomerOrderKeyTest {

    /** Customer ids in the stores' order, where one is often the start of the next. */
    private static final List<String> CUSTOMERS = List.of("A", "Z", "c", "c-", "c-1", "c.1", "c0", "c_", "cc", "c~",
            "~");

    @Test
    void shouldSortRowsByCustomerThenOrder() {
        for (int a = 0; a < CUSTOMERS.size(); a++) {
            for (int b = 0; b < CUSTOMERS.size(); b++) {
                for (String orderA : List.of("o", "o-1", "~~")) {
                    for (String orderB : List.of("-", "o", "o-1")) {
                        int byCustomer = Integer.compare(a, b);
                        int expected = byCustomer != 0 ? byCustomer : bytes(orderA, orderB);
                        assertEquals(Integer.signum(expected), Integer.signum(bytes(
                                CustomerOrderKey.of(CUSTOMERS.get(a), orderA),
                                CustomerOrderKey.of(CUSTOMERS.get(b), orderB))),
                                CUSTOMERS.get(a) + "/" + orderA + " vs " + CUSTOMERS.get(b) + "/" + orderB);
                    }
                }
            }
        }
    }

    @Test
    void shouldBoundEachCustomersRowsAndNoOtherCustomersRows() {
        for (String customer : CUSTOMERS) {
            for (String other : CUSTOMERS) {
                String row = CustomerOrderKey.of(other, "o-1");
                boolean inRange = bytes(CustomerOrderKey.first(customer), row) <= 0
                        && bytes(row, CustomerOrderKey.last(customer)) <= 0;
                assertEquals(customer.equals(other), inRange, row + " in the range of " + customer);
            }
        }
    }

    @Test
    void shouldReadTheIdsBackAndRefuseIdsWithTheSeparator() {
        String key = CustomerOrderKey.of("c-1", "o.7");
        assertEquals("c-1,o.7", key);
        assertEquals("c-1", CustomerOrderKey.customerIdOf(key));
        assertEquals("o.7", CustomerOrderKey.orderIdOf(key));
        assertThrows(IllegalArgumentException.class, () -> CustomerOrderKey.of("c,1", "o-1"));
        assertThrows(IllegalArgumentException.class, () -> CustomerOrderKey.customerIdOf("c-1"));
        assertTrue(CustomerOrderKey.fits("c-1") && !CustomerOrderKey.fits("") && !CustomerOrderKey.fits(null));
    }

    private static int bytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8));
    }
}
