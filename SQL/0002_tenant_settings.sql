-- Tenant settings: how the SOC is delivered (the survey's delivery model) and a display name.
ALTER TABLE tenants
    ADD COLUMN delivery_model text CHECK (delivery_model IN ('in-house', 'hybrid', 'mssp')),
    ADD COLUMN display_name text;
