/** The browser UI: DL4J's training and Arbiter pages served by LossLab's own server, on 127.0.0.1 unless told otherwise. */
package org.losslab.ui;
