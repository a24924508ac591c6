import PandaCLI

// The composition root lives in PandaCLI so tests can drive commands in-process too.
PandaCommandLine.main(CommandLine.arguments)
