/** The search queries of listings and requests, as the pages build them (GET /listings, GET /requests). */
export type ListingSearchQuery = {
  q?: string;
  kind?: string;
  category?: string;
  hub?: string;
  /** Hubs whose rows are left out: slugs, comma-separated. */
  not_hub?: string;
  near?: string;
  radius_km?: number | string;
  condition?: string;
  price?: string;
  available_by?: string;
  /** LxW or LxWxT in mm. */
  fits?: string;
  sort?: string;
  cursor?: string;
  limit?: number;
};
export type RequestSearchQuery = Omit<
  ListingSearchQuery,
  'kind' | 'condition' | 'price' | 'available_by' | 'fits'
>;
