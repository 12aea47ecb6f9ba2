import { ConsultationResolver } from './consultations.js';
import { LiaisonGroupResolver } from './liaison.js';
import { PublicConsultationResolver } from './public.js';

/** The resolvers of grassroots consultation 基层协商, for `buildGatewaySchema`. */
export const consultationResolvers = [
  ConsultationResolver,
  LiaisonGroupResolver,
  PublicConsultationResolver,
] as const;
