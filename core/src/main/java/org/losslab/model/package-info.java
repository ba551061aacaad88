/** Model zip files: DL4J ModelSerializer zips with LossLab's run record inside, written atomically and checked on load. */
package org.losslab.model;
