/** What people read: PNG line charts (XChart), and reports written both as Jupyter notebooks and as HTML pages. */
package org.losslab.report;
