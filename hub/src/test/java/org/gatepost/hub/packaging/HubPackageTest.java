package org.gatepost.hub.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Debian package and the runnable jar as {@code mvn package} leaves them in {@code target/}. Runs in the package
 * phase, after jdeb (the {@code package-test} execution in the pom); {@code -Dtest=HubPackageTest} in the test
 * phase fails for want of the files.
 */
class HubPackageTest {
    private static final Path TARGET = Path.of("target");
    private static final Path JAR = TARGET.resolve("gatepost-hub.jar");

    @Test
    void controlNamesTheJava21RuntimeAndTheConfigIsAConffile() throws Exception {
        Path deb = Packages.newestDeb(TARGET, "gatepost-hub");
        assertEquals(
                "gatepost-hub\nall\njava21-runtime-headless, adduser\n",
                Packages.run("dpkg-deb", "--field", deb.toString(), "Package", "Architecture", "Depends")
                        .replaceAll("(?m)^\\w+: ", ""));
        assertEquals("/etc/gatepost/hub.properties\n", Packages.run("dpkg-deb", "--info", deb.toString(), "conffiles"));
    }

    @Test
    void filesHaveTheirPlacesModesAndOwners() throws Exception {
        Map<String, String> files = Packages.contents(Packages.newestDeb(TARGET, "gatepost-hub"));
        assertEquals("-rw-r--r-- root/root", files.get("/usr/share/gatepost/gatepost-hub.jar"));
        assertEquals("-rwxr-xr-x root/root", files.get("/usr/bin/gatepost-hub"));
        assertEquals("-rw-r--r-- root/root", files.get("/usr/lib/systemd/system/gatepost-hub.service"));
        assertEquals(
                "-rw-r----- root/root", files.get("/etc/gatepost/hub.properties"), "postinst gives it group gatepost");
        assertEquals("-rw-r--r-- root/root", files.get("/usr/share/doc/gatepost-hub/deployment.md"));
        assertTrue(
                files.keySet().stream().noneMatch(f -> f.contains("udev")),
                files.keySet().toString());
        assertEquals(
                Files.readString(Path.of("../deploy/gatepost-hub.service")),
                Packages.fileIn(
                        Packages.newestDeb(TARGET, "gatepost-hub"), "/usr/lib/systemd/system/gatepost-hub.service"));
    }

    @Test
    void postinstMakesTheUserAndTheDataFolder() throws Exception {
        String postinst = Packages.run(
                "dpkg-deb", "--info", Packages.newestDeb(TARGET, "gatepost-hub").toString(), "postinst");
        for (String line : List.of(
                "adduser --quiet --system --group --home /var/lib/gatepost",
                "install -d -o gatepost -g gatepost -m 750 /var/lib/gatepost",
                "chgrp gatepost /etc/gatepost/hub.properties")) {
            assertTrue(postinst.contains(line), line);
        }
        assertTrue(
                !postinst.contains("dialout") && !postinst.contains("gpio"), "the hub needs no serial ports or GPIO");
    }

    @Test
    void anOldJavaPrintsOneLineSayingWhichJavaIsNeeded() throws Exception {
        Path old = Packages.olderJava();
        Packages.Result r =
                Packages.exec(List.of(old.toString(), "-jar", JAR.toString(), "--config", "x", "--check-config"));
        assertEquals(1, r.status(), r.toString());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("gatepost-hub needs Java 21 or newer; this is Java "), lines.get(0));
        assertTrue(lines.get(0).contains("sudo apt install openjdk-21-jre-headless"), lines.get(0));
    }

    @Test
    void aCurrentJavaRunsTheHubsMain() throws Exception {
        Packages.Result r = Packages.exec(List.of(Packages.thisJava(), "-jar", JAR.toString(), "--help"));
        assertEquals(0, r.status(), r.toString());
        assertTrue(r.out().contains("--check-config"), r.out());
    }

    @Test
    void theWrapperPicksJavaHomes21OverAnOlderJavaOnPathAndObeysGatepostJava() throws Exception {
        // The wrapper as installed, pointed at this build's jar through a copy named like the program.
        Path old = Packages.olderJava();
        Path bin = Files.createTempDirectory("wrapper");
        try {
            Path wrapper = bin.resolve("gatepost-hub");
            Files.writeString(
                    wrapper,
                    Files.readString(Path.of("../deploy/gatepost-wrapper.sh"))
                            .replace("jar=/usr/share/gatepost/$name.jar", "jar=" + JAR.toAbsolutePath()));
            wrapper.toFile().setExecutable(true);
            Files.createSymbolicLink(bin.resolve("java"), old);
            Path home = Path.of(Packages.thisJava()).getParent().getParent();
            Packages.Result r = Packages.exec(
                    List.of(wrapper.toString(), "--help"),
                    Map.of("PATH", bin + ":/usr/bin:/bin", "JAVA_HOME", home.toString(), "GATEPOST_JAVA", ""));
            assertEquals(0, r.status(), r.toString());
            assertTrue(r.out().contains("--check-config"), r.out());
            Packages.Result forced = Packages.exec(
                    List.of(wrapper.toString(), "--help"),
                    Map.of(
                            "PATH",
                            bin + ":/usr/bin:/bin",
                            "JAVA_HOME",
                            home.toString(),
                            "GATEPOST_JAVA",
                            old.toString()));
            assertEquals(1, forced.status(), forced.toString());
            assertTrue(forced.err().contains("needs Java 21 or newer"), forced.err());
        } finally {
            try (var files = Files.list(bin)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(bin);
        }
    }
}
