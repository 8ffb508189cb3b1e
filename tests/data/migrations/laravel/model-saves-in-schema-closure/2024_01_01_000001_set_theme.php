<?php

use App\Models\Setting;
use Illuminate\Database\Migrations\Migration;
use Illuminate\Database\Schema\Blueprint;
use Illuminate\Support\Facades\Schema;
use Illuminate\Support\Facades\Artisan;

return new class extends Migration
{
    public function up(): void
    {
        Schema::table('settings', function (Blueprint $table) {
            $setting = Setting::where('key', 'theme')->first();
            $setting->value = 'dark';
            $setting->save();
        });
        Artisan::call('cache:clear');
        $s = new Setting();
        $s->key = 'x';
        $s->save();
    }

    public function down(): void
    {
    }
};
