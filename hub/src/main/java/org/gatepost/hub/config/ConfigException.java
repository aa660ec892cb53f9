package org.gatepost.hub.config;

/**
 * A missing, unknown or invalid configuration value. The message starts with the key and says what is
 * wrong, for example {@code "http.port: must be an integer 0..65535, got 'abc'"}; it never contains a
 * secret value.
 */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The configuration key the problem is about. */
    public String key() {
        return key;
    }
}
