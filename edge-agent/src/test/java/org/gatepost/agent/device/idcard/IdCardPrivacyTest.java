package org.gatepost.agent.device.idcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.testing.CapturedStderr;
import org.junit.jupiter.api.Test;

/**
 * What this checks: everything the driver logs (slf4j-simple writes to System.err, captured here, with DEBUG
 * enabled for this package so per-frame lines are included), the messages of every exception the read path
 * throws, and the toString of CardRead, IdCardText.Fields, SamFrame and the driver's health and counters. None
 * may contain a full ID number, valid or not. Stack traces of a throwing listener are included in the capture.
 */
public class IdCardPrivacyTest {
    static {
        enableDebugLogging();
    }

    /** DEBUG for this package, before the driver class initialises: see {@link CapturedStderr#enableDebugLogging}. */
    public static void enableDebugLogging() {
        CapturedStderr.enableDebugLogging("org.gatepost.agent.device.idcard");
    }

    private static final String GOOD = "11010519491231002X";
    private static final String BAD = "110105194912310029";

    @Test
    void noFullIdNumberReachesTheLogsOrAnyMessageOrToString() throws Exception {
        List<String> texts = CapturedStderr.textsWithTheLog(this::runAReaderThroughFaults, "id=110105********002X");
        for (String id : List.of(GOOD, BAD)) {
            for (String t : texts) {
                assertFalse(t.contains(id), "full ID number in: " + t);
            }
        }
    }

    private List<String> runAReaderThroughFaults() throws Exception {
        List<String> texts = new ArrayList<>();
        ScriptedSam sam = new ScriptedSam();
        List<CardRead> delivered = new CopyOnWriteArrayList<>();
        AtomicReference<MemorySerialLink> agentEnd = new AtomicReference<>();
        IdCardReaderDriver driver = new IdCardReaderDriver(
                "idcard",
                () -> {
                    MemorySerialLink[] pair = MemorySerialLink.pair("privacy", 20);
                    sam.serve(pair[1]);
                    agentEnd.set(pair[0]);
                    return pair[0];
                },
                Clock.systemUTC(),
                CapturedStderr.listenerThatThrows(delivered::add),
                IdCardReaderDriverTest.FAST);
        try (driver) {
            driver.start();
            sam.place(SamCodecTest.workedFields().withIdNumber(BAD));
            Await.until("bad card counted", () -> driver.counts().badReads() == 1, driver::counts);
            sam.remove();
            // Two "no card" answers: the SAM counts an answer before the driver reads it, and the driver asks again
            // only after handling an answer (or timing out on it), so the second makes it all but certain the driver
            // saw the card go and will read the next presentation.
            Await.until("no card", () -> sam.noCardAnswers.get() >= 2, driver::counts);
            sam.failReads.set(1);
            sam.place(SamCodecTest.workedFields());
            Await.until("failed read counted", () -> driver.counts().badReads() == 2, driver::counts);
            // The corruption is armed only now that the card is being read: armed earlier, it could hit the "no
            // card" answer itself, and the driver, never seeing the removal, would rightly not read the card again.
            sam.corruptNext.set(true);
            // After a failed and a corrupt read the driver backs off before it polls again.
            Await.until("good card read", Duration.ofSeconds(30), () -> delivered.size() == 1, driver::counts);
            Await.until("corrupt answer counted", () -> driver.counts().malformed() == 1, driver::counts);
            agentEnd.get().unplug();
            Await.until("reconnected", () -> driver.health().reconnects() == 1, driver::health);
            texts.add(delivered.getFirst().toString());
            texts.add(driver.health().toString());
            texts.add(driver.counts().toString());
        }
        assertEquals(List.of(), sam.errors);

        FrameReader<SamFrame> reader = new FrameReader<>(SamCodec.DECODER, SamCodec.MAX_FRAME_LENGTH);
        SamFrame read = reader.feed(SamCodec.response(
                        0x90,
                        BaseMessage.encode(
                                IdCardText.encode(SamCodecTest.workedFields()), new byte[BaseMessage.PHOTO_LENGTH])))
                .getFirst();
        texts.add(String.valueOf(read));
        texts.add(BaseMessage.text(read).toString());
        texts.add(SamCodecTest.workedFields().withIdNumber(BAD).toString());
        for (String id : List.of(BAD, "1101051949123100", "11010519491231002X0")) {
            try {
                CardRead.from(
                        SamCodecTest.workedFields().withIdNumber(id),
                        Clock.systemUTC().instant());
            } catch (SamProtocolException e) {
                texts.add(e.getMessage());
            } catch (IllegalArgumentException e) {
                texts.add(e.getMessage());
            }
        }
        read.wipe();
        assertEquals(new SamFrame(new byte[read.payload().length]), read, "wipe zeroes the payload");
        return texts;
    }
}
