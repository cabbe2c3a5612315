package dev.shutter.projections.view;

/** The bookkeeping document of a view: which generation queries read and how far it got. */
public record ViewState(
        String name,
        int generation,
        String state,
        long eventsApplied,
        long lastGlobalIndex,
        Integer rebuildGeneration) {

    public static final String LIVE = "live";
    public static final String REBUILDING = "rebuilding";

    static ViewState initial(String name) {
        return new ViewState(name, 1, LIVE, 0, 0, null);
    }

    public boolean rebuilding() {
        return REBUILDING.equals(state);
    }
}
