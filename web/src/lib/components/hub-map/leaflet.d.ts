// The part of Leaflet 1.9's ESM build that HubMap and PointPicker use (the package ships no types).
declare module 'leaflet/dist/leaflet-src.esm.js' {
  export type LatLngTuple = [number, number];
  export interface Evented {
    on(event: string, handler: (...args: unknown[]) => void): this;
  }
  export interface Layer extends Evented {
    addTo(map: LeafletMap): this;
    // Leaflet writes a string as HTML: only elements (built with textContent) are allowed here.
    bindPopup(content: HTMLElement): this;
    bindTooltip(content: HTMLElement): this;
  }
  export interface LeafletMap extends Evented {
    fitBounds(bounds: LatLngTuple[], options?: { padding?: [number, number]; maxZoom?: number }): this;
    setView(center: LatLngTuple, zoom: number): this;
    remove(): void;
  }
  export function map(element: HTMLElement, options?: Record<string, unknown>): LeafletMap;
  export function tileLayer(url: string, options?: Record<string, unknown>): Layer;
  export interface CircleMarker extends Layer {
    setLatLng(at: LatLngTuple): this;
    setStyle(style: Record<string, unknown>): this;
  }
  export function circleMarker(at: LatLngTuple, options?: Record<string, unknown>): CircleMarker;
}
declare module 'leaflet/dist/leaflet.css';
