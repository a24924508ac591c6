/// The file formats institutions upload (spec §5): reader, writer, format table and validation.
public enum PandaFormats {}
