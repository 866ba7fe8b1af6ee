package org.kap.api.obligations;

import java.util.List;

/**
 * A page of obligations, by deadline.
 *
 * @param total how many obligations the query matches in all
 * @param next  where the next page begins ({@code ?after=}), null on the last page
 */
public record ObligationPage(List<ObligationView> obligations, int size, long total, String next) {
}
