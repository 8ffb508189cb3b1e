class Guarded < ActiveRecord::Migration[7.1]
  def change
    execute "DELETE FROM order_events" unless reverting?
  end
end
