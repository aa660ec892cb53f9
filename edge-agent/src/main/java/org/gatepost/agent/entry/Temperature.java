package org.gatepost.agent.entry;

/**
 * The temperature a decision was made on, in °C, unrounded. {@code bodyC = objectC + offsetC}, where
 * {@code objectC} and {@code ambientC} are medians over {@code samples} valid readings; {@code ambientC} is NaN
 * when the thermometer has no ambient sensor (published as {@code null}).
 */
public record Temperature(double bodyC, double objectC, double ambientC, double offsetC, int samples) {
    public Temperature {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1: " + samples);
        }
    }
}
