/** Reports as documents: one model of headings, text, formulas, tables, code and images, written as a Jupyter notebook and as a self-contained HTML page. */
package org.losslab.notebook;
