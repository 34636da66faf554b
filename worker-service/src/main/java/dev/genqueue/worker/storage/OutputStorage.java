package dev.genqueue.worker.storage;

import java.io.IOException;
import java.io.InputStream;

/** Where copies of APIXO's expiring result files are kept. Storing the same key again replaces the copy. */
public interface OutputStorage {

    /**
     * Stores everything {@code content} yields under {@code key}, computing size and SHA-256 while streaming.
     * The object is visible only once complete; a failed store leaves no partial object behind.
     */
    StoredObject store(OutputKey key, InputStream content) throws IOException;
}
