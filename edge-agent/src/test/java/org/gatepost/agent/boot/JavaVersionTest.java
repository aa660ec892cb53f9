package org.gatepost.agent.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JavaVersionTest {
    @Test
    void readsTheMajorVersionOfOldAndNewSpecificationVersions() {
        assertEquals(8, JavaVersion.major("1.8"));
        assertEquals(11, JavaVersion.major("11"));
        assertEquals(17, JavaVersion.major("17"));
        assertEquals(21, JavaVersion.major("21"));
        assertEquals(25, JavaVersion.major("25.0"));
        assertEquals(0, JavaVersion.major(null));
        assertEquals(0, JavaVersion.major("x"));
    }

    @Test
    void theLineSaysWhatIsNeededWhatThisIsAndHowToGetIt() {
        String line = JavaVersion.tooOld("gatepost-agent", 21, 17, "/usr/lib/jvm/java-17-openjdk-arm64");
        assertEquals(1, line.lines().count());
        assertTrue(
                line.startsWith(
                        "gatepost-agent needs Java 21 or newer; this is Java 17 (/usr/lib/jvm/java-17-openjdk-arm64)."),
                line);
        assertTrue(line.contains("sudo apt install openjdk-21-jre-headless"), line);
        assertTrue(line.contains("docs/install.md"), line);
    }
}
