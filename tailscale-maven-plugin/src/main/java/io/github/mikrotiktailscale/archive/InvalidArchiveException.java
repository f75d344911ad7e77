package io.github.mikrotiktailscale.archive;

import java.io.IOException;

/** The file is not an image archive this plugin can read, and says why. */
public class InvalidArchiveException extends IOException {

    private static final long serialVersionUID = 1L;

    public InvalidArchiveException(String message) {
        super(message);
    }
}
