package dev.shutter.projections.view;

/** Names of the collections of one generation of a view. */
public final class Generations {

    private Generations() {}

    public static String collection(String baseName, int generation) {
        return baseName + "_g" + generation;
    }
}
