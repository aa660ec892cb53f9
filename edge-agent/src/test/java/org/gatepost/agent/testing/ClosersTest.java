package org.gatepost.agent.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClosersTest {
    @Test
    void closesInReverseOrderOfRegistrationAndReturnsWhatItWasGiven() throws Exception {
        List<String> closed = new ArrayList<>();
        Closers closers = new Closers();
        AutoCloseable first = () -> closed.add("first");
        assertSame(first, closers.later(first));
        closers.later(() -> closed.add("second"));

        closers.close();

        assertEquals(List.of("second", "first"), closed);
    }

    @Test
    void aFailingCloseDoesNotKeepTheOthersOpenAndTheFirstFailureIsThrownWithTheRestSuppressed() {
        List<String> closed = new ArrayList<>();
        IOException early = new IOException("registered first");
        IOException late = new IOException("registered last");
        Closers closers = new Closers();
        closers.later(() -> {
            closed.add("first");
            throw early;
        });
        closers.later(() -> closed.add("middle"));
        closers.later(() -> {
            closed.add("last");
            throw late;
        });

        Exception thrown = assertThrows(Exception.class, closers::close);

        assertEquals(List.of("last", "middle", "first"), closed);
        assertSame(late, thrown);
        assertArrayEquals(new Throwable[] {early}, thrown.getSuppressed());
    }
}
