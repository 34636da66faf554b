package dev.genqueue.apixo.simulator.output;

/** A kind of result file: its URL extension and the {@code Content-Type} it is served with. */
public enum OutputKind {
    PNG("png", "image/png"),
    JPEG("jpg", "image/jpeg"),
    MP4("mp4", "video/mp4"),
    MP3("mp3", "audio/mpeg");

    private final String extension;
    private final String contentType;

    OutputKind(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    public String extension() {
        return extension;
    }

    public String contentType() {
        return contentType;
    }
}
