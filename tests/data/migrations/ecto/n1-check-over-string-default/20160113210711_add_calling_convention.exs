defmodule Cog.Repo.Migrations.AddCallingConvention do
  use Ecto.Migration

  def up do
    alter table(:commands) do
      add :calling_convention, :string, default: "bound"
      add :mode, :string, default: "strict"
    end

    execute """
    ALTER TABLE commands
      ADD CONSTRAINT calling_convention_check
        CHECK(calling_convention = 'all' AND enforcing = false OR calling_convention = 'bound');
    """

    execute "ALTER TABLE commands ADD CONSTRAINT mode_check CHECK (mode = 'loose' OR enforcing)"
  end

  def down do
    execute "ALTER TABLE commands DROP CONSTRAINT mode_check"
    execute "ALTER TABLE commands DROP CONSTRAINT calling_convention_check"

    alter table(:commands) do
      remove :mode
      remove :calling_convention
    end
  end
end
