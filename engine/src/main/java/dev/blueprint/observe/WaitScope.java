package dev.blueprint.observe;

/** A wait in progress; {@link #done()} is called once it is over. */
public interface WaitScope {
    /** Records nothing. */
    WaitScope NONE = () -> {
    };

    void done();
}
