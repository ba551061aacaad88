/** What every layer shares: atomic writes, checksums, bounded and filtered reads of hostile files, folder locks, and the spec exception that names a field. */
package org.losslab.io;
