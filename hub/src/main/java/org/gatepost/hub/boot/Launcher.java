package org.gatepost.hub.boot;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The jar's Main-Class. Compiled for Java 8 (its own compiler execution in the pom), so that an older Java runs
 * it and prints one line saying which Java the hub needs, instead of an {@code UnsupportedClassVersionError}.
 * Under Java 21 or newer it hands the arguments to {@code org.gatepost.hub.Main}. Exit status 1 when the Java
 * is too old. Keep this class free of anything newer than Java 8.
 */
public final class Launcher {
    static final int REQUIRED = 21;
    static final String PROGRAM = "gatepost-hub";
    static final String REAL_MAIN = "org.gatepost.hub.Main";

    private Launcher() {}

    public static void main(String[] args) throws Throwable {
        int major = JavaVersion.major(System.getProperty("java.specification.version"));
        if (major < REQUIRED) {
            System.err.println(JavaVersion.tooOld(PROGRAM, REQUIRED, major, System.getProperty("java.home")));
            System.exit(1);
        }
        MethodHandle main = MethodHandles.publicLookup()
                .findStatic(Class.forName(REAL_MAIN), "main", MethodType.methodType(void.class, String[].class));
        main.invokeExact(args);
    }
}
