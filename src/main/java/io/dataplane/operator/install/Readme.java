package io.dataplane.operator.install;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of README.md the CSV repeats, so the catalog entry says what the README says. */
final class Readme {
    private static final Pattern KIND_ROW = Pattern.compile("^\\|\\s*`(Nfv[A-Za-z]+)`\\s*\\|[^|]*\\|\\s*(.+?)\\s*\\|\\s*$",
            Pattern.MULTILINE);
    private static final Pattern RELATIVE_LINK = Pattern.compile("\\]\\((?!https?://|#)([^)]+)\\)");

    private Readme() {
    }

    /** The intro paragraph: everything between the title and the first section. */
    static String intro(String readme) {
        int title = readme.indexOf("\n", readme.indexOf("# "));
        int firstSection = readme.indexOf("\n## ");
        if (title < 0 || firstSection < title) {
            throw new IllegalArgumentException("README.md: expected a title, an intro paragraph, then sections");
        }
        return unwrap(readme.substring(title, firstSection));
    }

    /** The first sentence of the intro (the catalog's one-line description). */
    static String tagline(String readme) {
        String intro = intro(readme);
        int end = intro.indexOf(". ");
        return end < 0 ? intro : intro.substring(0, end + 1);
    }

    /** A section's text without its heading, up to the next section. */
    static String section(String readme, String heading) {
        int start = readme.indexOf("\n## " + heading + "\n");
        if (start < 0) {
            throw new IllegalArgumentException("README.md has no section '## " + heading + "'");
        }
        int body = readme.indexOf("\n", start + 1);
        int end = readme.indexOf("\n## ", body);
        return readme.substring(body, end < 0 ? readme.length() : end).strip();
    }

    /** Intro, API table and architecture, with links made absolute (the catalog renders it elsewhere). */
    static String csvDescription(String readme, String linkBase) {
        String text = intro(readme) + "\n\n## The API (`nfv.dataplane.io/v1alpha1`)\n\n"
                + section(readme, "The API (`nfv.dataplane.io/v1alpha1`, `kubectl get nfv`)") + "\n\n## Architecture\n\n"
                + unwrap(section(readme, "Architecture")) + "\n\nInstallation, upgrade and removal: [docs/install.md]"
                + "(docs/install.md).\n";
        Matcher m = RELATIVE_LINK.matcher(text);
        return m.replaceAll(r -> Matcher.quoteReplacement("](" + linkBase + r.group(1) + ")"));
    }

    /** Kind → the "what it is" column of the README's API table, without Markdown code marks. */
    static Map<String, String> kindDescriptions(String readme) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = KIND_ROW.matcher(readme);
        while (m.find()) {
            out.put(m.group(1), m.group(2).replace("`", ""));
        }
        return out;
    }

    /** Joins hard-wrapped lines of each paragraph (Markdown renders them the same). */
    private static String unwrap(String text) {
        return text.strip().replaceAll("(?<!\n)\n(?!\n)", " ");
    }
}
