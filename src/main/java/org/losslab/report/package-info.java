/** Files people read: CSV tables and PNG charts, always written to a temporary file and moved into place. */
package org.losslab.report;
