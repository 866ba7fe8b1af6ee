/** What every HTTP answer of the engine carries, whichever layer gives it. */
package org.kap.api.http;
