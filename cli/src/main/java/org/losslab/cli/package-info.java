/** The {@code losslab} command line: thin picocli commands over the API; nothing else imports this package. */
package org.losslab.cli;
