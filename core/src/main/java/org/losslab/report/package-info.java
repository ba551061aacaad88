/** How runs are shown: PNG line charts (XChart), and numbers written the way reports write them. */
package org.losslab.report;
