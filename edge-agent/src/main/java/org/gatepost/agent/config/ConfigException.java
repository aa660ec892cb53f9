package org.gatepost.agent.config;

/** A configuration value is missing or wrong. The message names the key and the problem. */
public final class ConfigException extends Exception {
    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** The offending key, or {@code "(file)"} when the file itself could not be read. */
    public String key() {
        return key;
    }
}
