package dev.shutter.query.config;

/** The read models query-side answers from; each lives in its own database, named like the view. */
public enum View {
    PROFILES("profiles"),
    SOCIAL("social"),
    POSTS("posts"),
    TIMELINES("timelines");

    private final String viewName;

    View(String viewName) {
        this.viewName = viewName;
    }

    /** The database name, which is also the {@code _id} of the view's document in {@code view_state}. */
    public String viewName() {
        return viewName;
    }
}
