package org.switchboard.agent.entity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The size of a desktop application's virtual display, in pixels; its colour depth is always 24 bits. */
public record Screen(int width, int height) {

    public static final Screen DEFAULT = new Screen(1280, 800);
    public static final int SMALLEST = 64;
    public static final int LARGEST = 8192;
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,5})x([0-9]{1,5})");

    public Screen {
        if (width < SMALLEST || width > LARGEST || height < SMALLEST || height > LARGEST) {
            throw new IllegalArgumentException("a screen of " + width + "x" + height + " pixels: width and height must"
                    + " be " + SMALLEST + " to " + LARGEST);
        }
    }

    /** Reads {@code <width>x<height>}, such as {@code 1280x800}. */
    public static Screen of(String size) {
        Matcher matcher = SIZE.matcher(size == null ? "" : size);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + size + "' is no screen size; expected <width>x<height>, such as "
                    + DEFAULT);
        }
        return new Screen(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
    }

    /** {@code <width>x<height>}, as catalogs and Xvfb write it. */
    @Override
    public String toString() {
        return width + "x" + height;
    }
}
