package org.gatepost.hub.boot;

/** The Java-version line of {@link Launcher}. Java 8 source on purpose (see {@link Launcher}). */
final class JavaVersion {
    private JavaVersion() {}

    /** The major version of a {@code java.specification.version} value: "1.8" is 8, "17" is 17, junk is 0. */
    static int major(String specificationVersion) {
        if (specificationVersion == null) {
            return 0;
        }
        String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int dot = v.indexOf('.');
        if (dot >= 0) {
            v = v.substring(0, dot);
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One line: which Java is needed, which one this is and where, and how to get the right one. */
    static String tooOld(String program, int required, int major, String javaHome) {
        return program + " needs Java " + required + " or newer; this is Java " + major + " (" + javaHome + ")."
                + " Debian 13 / Raspberry Pi OS trixie: sudo apt install openjdk-21-jre-headless;"
                + " Debian 12 / Raspberry Pi OS bookworm: Eclipse Temurin 21 from packages.adoptium.net"
                + " (docs/install.md, section Java).";
    }
}
