package org.gatepost.simulator.idcard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.idcard.CardRead;
import org.gatepost.agent.device.idcard.IdCardReaderDriver;
import org.gatepost.agent.device.idcard.IdCardText;
import org.gatepost.agent.device.idcard.SamCodec;
import org.gatepost.agent.device.idcard.SamCommand;
import org.gatepost.agent.device.idcard.SamFrame;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdCardEmulatorTest {
    private static final Instant NOW = Instant.parse("2024-06-11T08:00:00Z");
    private static final IdCardReaderDriver.Timing FAST = new IdCardReaderDriver.Timing(
            Duration.ofMillis(10),
            Duration.ofMillis(200),
            Duration.ofMillis(300),
            Duration.ofMillis(10),
            Duration.ofMillis(80));
    private static final IdCardText.Fields ZHANG = new IdCardText.Fields(
            "张三", "2", "01", "19491231", "北京市朝阳区示例路1号", "11010519491231002X", "北京市公安局朝阳分局", "20150101", "长期");

    private final MemorySerialLink[] pair = MemorySerialLink.pair("idcard", 20);
    private final IdCardEmulator emulator = new IdCardEmulator(pair[1]).start();
    private final List<CardRead> delivered = new CopyOnWriteArrayList<>();
    private IdCardReaderDriver driver;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
        emulator.close();
    }

    @Test
    void answersWithTheReferenceSampleFrames() throws IOException {
        // preamble        LEN   SW1 SW2 SW3  data                     CHK
        assertEquals(hex("AA AA AA 96 69 00 04 00 00 80 84"), exchange(SamCommand.FIND_CARD.frame())); // no card
        assertEquals(hex("AA AA AA 96 69 00 04 00 00 90 94"), exchange(SamCommand.SAM_STATUS.frame())); // SAM OK
        assertEquals(hex("AA AA AA 96 69 00 04 00 00 81 85"), exchange(SamCommand.SELECT_CARD.frame())); // select fail
        assertEquals(hex("AA AA AA 96 69 00 04 00 00 41 45"), exchange(SamCommand.READ_BASE.frame())); // read fail
        emulator.placeCard(ZHANG);
        assertEquals(hex("AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97"), exchange(SamCommand.FIND_CARD.frame()));
        assertEquals(
                hex("AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C"),
                exchange(SamCommand.SELECT_CARD.frame()));
        String read = exchange(SamCommand.READ_BASE.frame());
        assertEquals(1295 * 2, read.length());
        // LEN 05 08, status 90, text length 01 00, photo length 04 00, then 张 = 20 5F
        assertEquals(hex("AA AA AA 96 69 05 08 00 00 90 01 00 04 00 20 5F"), read.substring(0, 32));
        assertEquals(
                hex("AA AA AA 96 69 00 04 00 00 21 25"), exchange(bytes("AA AA AA 96 69 00 03 12 34 25"))); // unknown
        assertEquals(
                hex("AA AA AA 96 69 00 04 00 00 10 14"), exchange(bytes("AA AA AA 96 69 00 03 20 01 FF"))); // bad CHK
        assertEquals(1, emulator.readsServed());
    }

    @Test
    void photoCarriesAnEmbeddedFrameThatIsNotMistakenForAResponse() throws IOException {
        emulator.placeCard(ZHANG);
        exchange(SamCommand.SELECT_CARD.frame());
        byte[] read = bytes(exchange(SamCommand.READ_BASE.frame()));
        byte[] samOk = bytes("AA AA AA 96 69 00 04 00 00 90 94");
        assertArrayEquals(samOk, Arrays.copyOfRange(read, 14 + 256 + 100, 14 + 256 + 100 + samOk.length));
        FrameReader<SamFrame> reader = new FrameReader<>(SamCodec.DECODER, SamCodec.MAX_FRAME_LENGTH);
        List<SamFrame> frames = reader.feed(read);
        assertEquals(1, frames.size(), "one frame: the embedded one stays inside the photo");
        assertEquals(1287, frames.getFirst().payload().length);
        assertEquals(0, reader.malformed());
    }

    @Test
    void aCardWithAnAppendedAddressIsReadAndTheAddressIsDroppedNotCounted() throws IOException {
        emulator.placeCard(ZHANG, "迁入北京市海淀区示例街2号");
        assertEquals(
                "AAAAAA9669004A000090",
                exchange(SamCodec.command(0x30, 0x03)).substring(0, 20),
                "read appended address: 90 and 70 bytes of text (LEN 0x4A)");
        emulator.placeCard(ZHANG);
        assertEquals("AAAAAA9669000400009195", exchange(SamCodec.command(0x30, 0x03)), "no appended address: 91");
        emulator.placeCard(ZHANG, "迁入北京市海淀区示例街2号");
        startDriver();
        Await.until("the card read", () -> delivered.size() == 1, driver::counts);
        assertEquals(new IdCardReaderDriver.Counts(1, 0, 0, 0, 0), driver.counts(), "the appended address is no fault");
    }

    @Test
    void aPlacedCardIsReadOnceAndAgainAfterRemovalAndReplacing() {
        startDriver();
        emulator.placeCard(ZHANG);
        Await.until("first read", () -> delivered.size() == 1, driver::counts);
        assertEquals("11010519491231002X", delivered.getFirst().idNumber());
        long commands = emulator.commandsReceived();
        Await.until("more polls", () -> emulator.commandsReceived() >= commands + 10, driver::counts);
        assertEquals(1, delivered.size());
        assertEquals(1, emulator.readsServed());

        emulator.removeCard();
        long afterRemoval = emulator.commandsReceived();
        Await.until("a poll after removal", () -> emulator.commandsReceived() > afterRemoval + 1, driver::counts);
        emulator.placeCard(ZHANG);
        Await.until("second read", () -> delivered.size() == 2, driver::counts);
        assertEquals(2, emulator.readsServed());
        assertEquals(new IdCardReaderDriver.Counts(2, 0, 0, 0, 0), driver.counts());
    }

    @Test
    void injectedFaultsAreCountedAndRecoveredFrom() {
        startDriver();
        Await.until("polling", () -> emulator.commandsReceived() > 0, driver::counts);

        emulator.corruptNextResponse();
        Await.until("corrupt response counted", () -> driver.counts().malformed() == 1, driver::counts);
        assertEquals("bad-checksum", driver.health().lastError());
        emulator.truncateNextResponse();
        Await.until("truncated response times out", () -> driver.counts().timeouts() == 1, driver::counts);
        emulator.dropNextResponse();
        Await.until("dropped response times out", () -> driver.counts().timeouts() == 2, driver::counts);
        Await.until("healthy again", () -> driver.health().state() == DeviceHealth.State.CONNECTED, driver::health);

        emulator.failNextRead();
        emulator.placeCard(ZHANG);
        Await.until("read after a failed read", () -> delivered.size() == 1, driver::counts);
        assertEquals(1, driver.counts().badReads());

        emulator.removeCard();
        emulator.removeCardMidRead();
        long afterRemoval = emulator.commandsReceived();
        Await.until("removal seen", () -> emulator.commandsReceived() > afterRemoval + 1, driver::counts);
        emulator.placeCard(ZHANG);
        Await.until("card pulled mid-read counted", () -> driver.counts().badReads() == 2, driver::counts);
        assertEquals("read-failed", driver.health().lastError());
        emulator.placeCard(ZHANG);
        Await.until("read after re-placing", () -> delivered.size() == 2, driver::counts);
        assertEquals(new IdCardReaderDriver.Counts(2, 2, 2, 1, 0), driver.counts());
        assertEquals(3, driver.health().badFrames());
    }

    @Test
    void readsSyntheticResidentsOneAfterAnother() {
        startDriver();
        SyntheticResidents residents = new SyntheticResidents(new SplittableRandom(42));
        for (int i = 1; i <= 5; i++) {
            IdCardText.Fields f = residents.next();
            emulator.placeCard(f);
            int expected = i;
            Await.until("resident " + i, () -> delivered.size() == expected, driver::counts);
            assertEquals(f.idNumber(), delivered.getLast().idNumber());
            emulator.removeCard();
            long c = emulator.commandsReceived();
            Await.until("removal seen", () -> emulator.commandsReceived() > c + 1, driver::counts);
        }
        assertEquals(0, driver.counts().badReads());
    }

    private void startDriver() {
        boolean[] opened = {false};
        driver = new IdCardReaderDriver(
                "idcard",
                () -> {
                    if (opened[0]) {
                        throw new IOException("the memory link opens once");
                    }
                    opened[0] = true;
                    return pair[0];
                },
                Clock.fixed(NOW, ZoneOffset.UTC),
                delivered::add,
                FAST);
        driver.start();
    }

    /** Sends raw bytes from the agent end and returns one whole response frame as upper-case hex. */
    private String exchange(byte[] command) throws IOException {
        pair[0].write(command);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[2048];
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (got.size() < 7
                || got.size() < 7 + (((got.toByteArray()[5] & 0xFF) << 8) | (got.toByteArray()[6] & 0xFF))) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError(
                        "no whole response, got " + HexFormat.of().formatHex(got.toByteArray()));
            }
            int n = pair[0].read(buf, 0, buf.length);
            got.write(buf, 0, n);
        }
        return HexFormat.of().withUpperCase().formatHex(got.toByteArray());
    }

    private static String hex(String spaced) {
        return spaced.replace(" ", "");
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
