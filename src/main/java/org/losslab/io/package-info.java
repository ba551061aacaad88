/** File helpers every layer uses: atomic writes and checksums. */
package org.losslab.io;
