import { createContext, useContext } from 'react';
import type { PapershelfBridge } from './types.ts';

export const BridgeContext = createContext<PapershelfBridge | null>(null);

export function useBridge(): PapershelfBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge() outside <BridgeContext.Provider>');
  return bridge;
}
