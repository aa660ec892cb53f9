package org.gatepost.hub.deploy;

import java.nio.file.Path;

/** The TLS listener's PEM files: the CA that signed the server certificate, the certificate, its private key. */
public record TlsFiles(Path cafile, Path certfile, Path keyfile) {}
