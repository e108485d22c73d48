/** A place on the map: a hub, with links to show in its popup. */
export type MapPoint = {
  key: string;
  lat: number;
  lon: number;
  title: string;
  href: string;
  links?: { href: string; label: string }[];
};
