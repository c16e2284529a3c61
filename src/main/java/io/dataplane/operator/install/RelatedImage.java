package io.dataplane.operator.install;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image the operator runs or deploys: {@code dataplane.images.<name>=${RELATED_IMAGE_<NAME>:<default>}}
 * in application.properties. OLM rewrites the variables to digests on install; the defaults are what a
 * plain install runs. The Deployment sets every variable and the CSV lists every image under
 * {@code relatedImages}, both derived from here.
 */
record RelatedImage(String name, String envVar, String image) {
    private static final Pattern LINE = Pattern.compile(
            "^dataplane\\.images\\.([a-z][a-z0-9-]*)=\\$\\{(RELATED_IMAGE_[A-Z0-9_]+):([^}\\s]+)}\\s*$");

    /** The images in file order; a {@code dataplane.images.*} line of another shape is an error. */
    static List<RelatedImage> parse(String applicationProperties) {
        List<RelatedImage> out = new ArrayList<>();
        for (String line : applicationProperties.split("\n")) {
            if (!line.startsWith("dataplane.images.")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("application.properties: expected dataplane.images.<name>="
                        + "${RELATED_IMAGE_<NAME>:<image>}, got: " + line);
            }
            out.add(new RelatedImage(m.group(1), m.group(2), m.group(3)));
        }
        if (out.stream().noneMatch(i -> i.name().equals("operator"))) {
            throw new IllegalArgumentException("application.properties names no dataplane.images.operator");
        }
        return out;
    }

    /** The value of {@code key=${ENV:default}} (or {@code key=value}) in application.properties. */
    static String propertyDefault(String applicationProperties, String key) {
        for (String line : applicationProperties.split("\n")) {
            if (line.startsWith(key + "=")) {
                String value = line.substring(key.length() + 1).trim();
                Matcher m = Pattern.compile("^\\$\\{[A-Z0-9_]+:([^}]*)}$").matcher(value);
                return m.matches() ? m.group(1) : value;
            }
        }
        throw new IllegalArgumentException("application.properties has no " + key);
    }
}
