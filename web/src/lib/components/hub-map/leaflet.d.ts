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
  export interface LatLngBounds {
    getSouth(): number;
    getWest(): number;
    getNorth(): number;
    getEast(): number;
  }
  export interface LeafletMap extends Evented {
    fitBounds(bounds: LatLngTuple[], options?: { padding?: [number, number]; maxZoom?: number }): this;
    setView(center: LatLngTuple, zoom: number): this;
    getBounds(): LatLngBounds;
    getZoom(): number;
    remove(): void;
  }
  export interface LayerGroup extends Layer {
    clearLayers(): this;
    addLayer(layer: Layer): this;
  }
  export function layerGroup(): LayerGroup;
  export interface DivIcon {
    readonly options: Record<string, unknown>;
  }
  // `html` only as an element (built with textContent), never a string.
  export function divIcon(options: {
    html: HTMLElement;
    className?: string;
    iconSize?: [number, number];
  }): DivIcon;
  export type Marker = Layer;
  export function marker(
    at: LatLngTuple,
    options?: { icon?: DivIcon; title?: string; alt?: string; keyboard?: boolean; riseOnHover?: boolean },
  ): Marker;
  export function map(element: HTMLElement, options?: Record<string, unknown>): LeafletMap;
  export function tileLayer(url: string, options?: Record<string, unknown>): Layer;
  export interface CircleMarker extends Layer {
    setLatLng(at: LatLngTuple): this;
    setStyle(style: Record<string, unknown>): this;
  }
  export function circleMarker(at: LatLngTuple, options?: Record<string, unknown>): CircleMarker;
}
declare module 'leaflet/dist/leaflet.css';
