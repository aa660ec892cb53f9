package org.gatepost.agent.device.scanner;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Collects what a {@link ScannerLineFramer} emits; lines as ISO-8859-1 strings so every byte shows. */
final class RecordingSink implements ScannerLineFramer.Sink {
    final List<String> lines = new ArrayList<>();
    final List<Boolean> byGap = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();

    @Override
    public void line(byte[] text, boolean gap) {
        lines.add(new String(text, StandardCharsets.ISO_8859_1));
        byGap.add(gap);
    }

    @Override
    public void rejected(String reason) {
        rejected.add(reason);
    }
}
