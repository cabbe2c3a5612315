package dev.shutter.push.readmodel;

/** A repository of the read model: it prepares the indexes of a generation of its collections before it is filled. */
public interface ReadModelPart {

    void createIndexes(int generation);
}
