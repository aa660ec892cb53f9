package org.gatepost.hub.lists;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** CSV files as operators' spreadsheet programs save them. */
final class ImportFiles {
    static final Charset GBK = Charset.forName("GBK");
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private ImportFiles() {}

    static byte[] gbk(String csv) {
        return csv.getBytes(GBK);
    }

    static byte[] utf8(String csv) {
        return csv.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] utf8WithBom(String csv) {
        byte[] body = utf8(csv);
        byte[] out = new byte[body.length + 3];
        System.arraycopy(BOM, 0, out, 0, 3);
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    /** A valid ID number: the 17 digits given plus their check character. */
    static String id(String first17) {
        return first17 + IdNumbers.checkCharacter(first17);
    }
}
